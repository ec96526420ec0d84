//! Helpers for items that are painted rather than added as widgets (month chips, table cells):
//! one-line text cut to a width, and an accessibility node so screen readers (and the UI tests)
//! still find them by name.

use std::sync::Arc;

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, Rect};

/// `text` on one line, cut with "…" at `max_width`. Laid out through egui's galley cache.
pub fn one_line(
    painter: &egui::Painter,
    text: &str,
    font: FontId,
    color: Color32,
    max_width: f32,
) -> Arc<Galley> {
    let mut job = LayoutJob::simple_singleline(text.to_owned(), font, color);
    job.wrap = TextWrapping::truncate_at_width(max_width.max(0.0));
    painter.layout_job(job)
}

/// A text's galley kept beside the text, so a frame that paints it again skips egui's galley
/// cache (which hashes the whole text to find it). Laid out again when the width, colour or
/// font asked for changes, or when egui dropped its laid-out text ([`font_epoch`]).
#[derive(Default)]
pub struct KeptGalley {
    key: Option<(u64, u32, Color32, FontId)>,
    galley: Option<Arc<Galley>>,
}

impl KeptGalley {
    /// `text` on one line cut at `max_width`, as [`one_line`] lays it out; `epoch` is this
    /// pass's [`font_epoch`] (found once per frame by the caller: it takes egui's locks).
    pub fn one_line(
        &mut self,
        painter: &egui::Painter,
        epoch: u64,
        text: &str,
        font: &FontId,
        color: Color32,
        max_width: f32,
    ) -> Arc<Galley> {
        let key = (epoch, max_width.to_bits(), color, font.clone());
        match &self.galley {
            Some(galley) if self.key.as_ref() == Some(&key) => Arc::clone(galley),
            _ => {
                let galley = one_line(painter, text, font.clone(), color, max_width);
                self.key = Some(key);
                self.galley = Some(Arc::clone(&galley));
                galley
            }
        }
    }
}

/// A number that changes whenever egui drops its laid-out text: a new font atlas (the old one
/// filled up), new fonts or a new scale. Galleys kept from an older epoch point into an atlas
/// that is gone. Found by laying out a probe text through egui once a pass: its galley is a new
/// one exactly when egui's cache was cleared.
pub fn font_epoch(ctx: &egui::Context) -> u64 {
    #[derive(Clone, Default)]
    struct Probe {
        pass: Option<u64>,
        galley: Option<Arc<Galley>>,
        epoch: u64,
    }
    let id = egui::Id::unique("sim-planner-font-epoch");
    let pass = ctx.cumulative_pass_nr();
    let probe = ctx
        .data(|data| data.get_temp::<Probe>(id))
        .unwrap_or_default();
    if probe.pass == Some(pass) {
        return probe.epoch;
    }
    let galley = ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap("Ag".to_owned(), FontId::default(), Color32::WHITE)
    });
    let same = probe
        .galley
        .as_ref()
        .is_some_and(|old| Arc::ptr_eq(old, &galley));
    let epoch = if same { probe.epoch } else { probe.epoch + 1 };
    ctx.data_mut(|data| {
        data.insert_temp(
            id,
            Probe {
                pass: Some(pass),
                galley: Some(galley),
                epoch,
            },
        );
    });
    epoch
}

/// A table cell's accessibility node: a `Cell` named `name` (the SIM table paints its cells).
pub fn accessible_cell(ctx: &egui::Context, id: egui::Id, rect: Rect, name: &str) {
    use egui::accesskit::{Rect as NodeRect, Role};
    ctx.accesskit_node_builder(id, |node| {
        node.set_bounds(NodeRect {
            x0: rect.min.x.into(),
            y0: rect.min.y.into(),
            x1: rect.max.x.into(),
            y1: rect.max.y.into(),
        });
        node.set_role(Role::Cell);
        node.set_label(name);
    });
}

/// Gives the painted item `id` at `rect` an accessibility node named `name`; a `Button` when
/// it can be clicked, else a `Label`. Costs nothing while accessibility is off.
pub fn accessible(ctx: &egui::Context, id: egui::Id, rect: Rect, name: &str, clickable: bool) {
    use egui::accesskit::{Action, Rect as NodeRect, Role};
    ctx.accesskit_node_builder(id, |node| {
        node.set_bounds(NodeRect {
            x0: rect.min.x.into(),
            y0: rect.min.y.into(),
            x1: rect.max.x.into(),
            y1: rect.max.y.into(),
        });
        if clickable {
            node.set_role(Role::Button);
            node.set_label(name);
            node.add_action(Action::Click);
        } else {
            // As egui's own labels: the text is the value of a Label node.
            node.set_role(Role::Label);
            node.set_value(name);
        }
    });
}

/// Fills gathered into one mesh. A month grid or a page of timeline rows is hundreds of
/// rectangles; one mesh shape costs a fraction of what hundreds of shapes cost to tessellate.
/// Rectangles are axis-aligned and need no feathering; slanted edges (diamonds, hatching) get
/// a one-pixel feather as egui's own shapes do.
pub struct Fills {
    mesh: egui::Mesh,
    /// One physical pixel, in points: the width of the feathered edge.
    feather: f32,
}

impl Default for Fills {
    fn default() -> Self {
        Self::new(1.0)
    }
}

impl Fills {
    pub fn new(pixels_per_point: f32) -> Self {
        Self {
            mesh: egui::Mesh::default(),
            feather: 1.0 / pixels_per_point.max(0.1),
        }
    }

    pub fn rect(&mut self, rect: Rect, color: Color32) {
        if color.a() > 0 && rect.is_positive() {
            self.mesh.add_colored_rect(rect, color);
        }
    }

    /// A border `width` wide inside `rect`.
    pub fn outline(&mut self, rect: Rect, width: f32, color: Color32) {
        let width = width.min(rect.width() / 2.0).min(rect.height() / 2.0);
        let (min, max) = (rect.min, rect.max);
        self.rect(
            Rect::from_min_max(min, egui::pos2(max.x, min.y + width)),
            color,
        );
        self.rect(
            Rect::from_min_max(egui::pos2(min.x, max.y - width), max),
            color,
        );
        let inner = Rect::from_min_max(
            egui::pos2(min.x, min.y + width),
            egui::pos2(max.x, max.y - width),
        );
        self.rect(inner.with_max_x(min.x + width), color);
        self.rect(inner.with_min_x(max.x - width), color);
    }

    pub fn triangle(&mut self, corners: [egui::Pos2; 3], color: Color32) {
        let first = u32::try_from(self.mesh.vertices.len()).unwrap_or(u32::MAX);
        for corner in corners {
            self.mesh.colored_vertex(corner, color);
        }
        self.mesh.add_triangle(first, first + 1, first + 2);
    }

    /// A filled convex polygon given clockwise (on screen), with a feathered edge.
    pub fn convex(&mut self, points: &[egui::Pos2], color: Color32) {
        let corners: Vec<egui::Vec2> = miters(points).collect();
        self.convex_with_miters(points, &corners, color);
    }

    /// [`Self::convex`] with each corner's outward miter already known.
    fn convex_with_miters(&mut self, points: &[egui::Pos2], miters: &[egui::Vec2], color: Color32) {
        let count = points.len().min(miters.len());
        if count < 3 || color.a() == 0 {
            return;
        }
        let base = u32::try_from(self.mesh.vertices.len()).unwrap_or(u32::MAX);
        let half = self.feather / 2.0;
        for (point, miter) in points.iter().zip(miters) {
            self.mesh.colored_vertex(*point - *miter * half, color);
            self.mesh
                .colored_vertex(*point + *miter * half, Color32::TRANSPARENT);
        }
        let n = u32::try_from(count).unwrap_or(u32::MAX);
        for i in 1..n - 1 {
            self.mesh
                .add_triangle(base, base + 2 * i, base + 2 * (i + 1));
        }
        for i0 in 0..n {
            let i1 = (i0 + 1) % n;
            let (inner0, outer0) = (base + 2 * i0, base + 2 * i0 + 1);
            let (inner1, outer1) = (base + 2 * i1, base + 2 * i1 + 1);
            self.mesh.add_triangle(inner0, outer0, outer1);
            self.mesh.add_triangle(inner0, outer1, inner1);
        }
    }

    /// A diamond (a square on its corner) `size` across at `center`: `fill` inside a border
    /// `width` wide of `stroke`. As [`Self::convex_outlined`], with the corners' miters known.
    pub fn diamond(
        &mut self,
        center: egui::Pos2,
        size: f32,
        fill: Color32,
        width: f32,
        stroke: Color32,
    ) {
        let sqrt2 = std::f32::consts::SQRT_2;
        let miters = [
            egui::vec2(0.0, -sqrt2),
            egui::vec2(sqrt2, 0.0),
            egui::vec2(0.0, sqrt2),
            egui::vec2(-sqrt2, 0.0),
        ];
        let corners = |half: f32| miters.map(|miter| center + miter / sqrt2 * half);
        self.convex_with_miters(&corners(size / 2.0), &miters, stroke);
        self.convex_with_miters(&corners(size / 2.0 - width * sqrt2), &miters, fill);
    }

    /// A convex polygon filled with `fill` inside a border `width` wide of `stroke`.
    pub fn convex_outlined(
        &mut self,
        points: &[egui::Pos2],
        fill: Color32,
        width: f32,
        stroke: Color32,
    ) {
        self.convex(points, stroke);
        let inner: Vec<egui::Pos2> = miters(points)
            .zip(points)
            .map(|(miter, point)| *point - miter * width)
            .collect();
        self.convex(&inner, fill);
    }

    /// A line `width` wide from `a` to `b`, feathered on both sides.
    pub fn line(&mut self, a: egui::Pos2, b: egui::Pos2, width: f32, color: Color32) {
        let normal = (b - a).normalized().rot90();
        let half = f32::midpoint(width, self.feather);
        // Thinner than the feather, a line is drawn fainter rather than narrower.
        let core = if width < self.feather {
            color.gamma_multiply(width / self.feather)
        } else {
            color
        };
        let base = u32::try_from(self.mesh.vertices.len()).unwrap_or(u32::MAX);
        for end in [a, b] {
            self.mesh
                .colored_vertex(end - normal * half, Color32::TRANSPARENT);
            self.mesh.colored_vertex(end, core);
            self.mesh
                .colored_vertex(end + normal * half, Color32::TRANSPARENT);
        }
        for side in 0..2 {
            let (a0, a1, b0, b1) = (
                base + side,
                base + side + 1,
                base + 3 + side,
                base + 4 + side,
            );
            self.mesh.add_triangle(a0, a1, b1);
            self.mesh.add_triangle(a0, b1, b0);
        }
    }

    /// Diagonal lines across `rect`, each cut to it: lost days.
    pub fn hatch(&mut self, rect: Rect, color: Color32) {
        let step = 7.0;
        let height = rect.height();
        if height <= 0.0 {
            return;
        }
        // Each line runs from (x, bottom) to (x + height, top); keep the part over `rect`.
        let mut x = rect.left() - height;
        while x < rect.right() {
            let from = ((rect.left() - x) / height).max(0.0);
            let to = ((rect.right() - x) / height).min(1.0);
            if from < to {
                let at = |t: f32| egui::pos2(x + t * height, rect.bottom() - t * height);
                self.line(at(from), at(to), 1.0, color);
            }
            x += step;
        }
    }

    pub fn into_shape(self) -> egui::Shape {
        egui::Shape::mesh(self.mesh)
    }
}

/// Each corner's outward miter: where the corner moves when both its edges move out by one.
fn miters(points: &[egui::Pos2]) -> impl Iterator<Item = egui::Vec2> + '_ {
    let count = points.len();
    let outward = move |from: usize, to: usize| {
        let edge = points[to % count] - points[from % count];
        egui::vec2(edge.y, -edge.x).normalized()
    };
    (0..count).map(move |i| {
        let before = outward(i + count - 1, i);
        let after = outward(i, i + 1);
        let miter = (before + after) / 2.0;
        let length_sq = miter.length_sq();
        if length_sq > 1e-6 {
            miter / length_sq
        } else {
            before
        }
    })
}

#[cfg(test)]
mod tests {
    use egui::{Color32, Rect, pos2};

    use std::sync::Arc;

    use super::{Fills, KeptGalley, font_epoch};

    fn mesh(fills: Fills) -> egui::Mesh {
        match fills.into_shape() {
            egui::Shape::Mesh(mesh) => (*mesh).clone(),
            other => panic!("expected a mesh, got {other:?}"),
        }
    }

    #[test]
    fn an_outline_stays_inside_its_rect_and_leaves_the_middle_empty() {
        let rect = Rect::from_min_max(pos2(10.0, 20.0), pos2(50.0, 40.0));
        let mut fills = Fills::default();
        fills.outline(rect, 2.0, Color32::RED);
        let mesh = mesh(fills);
        assert!(mesh.is_valid());
        assert_eq!(mesh.indices.len(), 4 * 6, "four rectangles");
        assert!(mesh.vertices.iter().all(|v| rect.contains(v.pos)));
        let middle = rect.shrink(2.0);
        // Every rectangle of the outline touches an edge and is at most 2 points deep.
        for quad in mesh.vertices.chunks(4) {
            let bounds = Rect::from_points(&quad.iter().map(|v| v.pos).collect::<Vec<_>>());
            assert!(
                bounds.width() <= 2.0 || bounds.height() <= 2.0,
                "{bounds:?}"
            );
            assert!(
                !bounds.shrink(0.01).intersects(middle.shrink(0.01)),
                "{bounds:?}"
            );
        }
    }

    #[test]
    fn hatching_is_cut_to_its_rect() {
        let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(40.0, 10.0));
        let mut fills = Fills::default();
        fills.hatch(rect, Color32::RED);
        let mesh = mesh(fills);
        assert!(mesh.is_valid());
        // Six vertices a line; lines every 7 points across 40 + 10.
        assert_eq!(mesh.vertices.len() % 6, 0);
        assert!(mesh.vertices.len() / 6 >= 7);
        // Line centres lie on the rect; only the feathered edge reaches past it.
        let lenient = rect.expand(1.0);
        assert!(mesh.vertices.iter().all(|v| lenient.contains(v.pos)));
        for line in mesh.vertices.chunks(6) {
            assert!(rect.expand(0.01).contains(line[1].pos), "{:?}", line[1].pos);
            assert!(rect.expand(0.01).contains(line[4].pos), "{:?}", line[4].pos);
        }
    }

    #[test]
    fn an_outlined_diamond_has_a_fill_inside_its_border() {
        let diamond = [
            pos2(10.0, 0.0),
            pos2(20.0, 10.0),
            pos2(10.0, 20.0),
            pos2(0.0, 10.0),
        ];
        let mut fills = Fills::default();
        fills.convex_outlined(&diamond, Color32::WHITE, 2.0, Color32::RED);
        let mesh = mesh(fills);
        assert!(mesh.is_valid());
        // Two polygons of 4 corners: an inner and an outer vertex each.
        assert_eq!(mesh.vertices.len(), 16);
        let fill_top = mesh.vertices[8].pos;
        // The fill's top corner moved down by the border's miter (2 * sqrt 2), and its solid
        // edge by half the feather's miter (0.5 * sqrt 2) more.
        assert!((fill_top.y - 2.5 * std::f32::consts::SQRT_2).abs() < 0.01);
        assert!((fill_top.x - 10.0).abs() < 0.01);
        assert_eq!(mesh.vertices[8].color, Color32::WHITE);
        assert_eq!(mesh.vertices[9].color, Color32::TRANSPARENT);
    }

    #[test]
    fn a_diamond_is_the_outlined_convex_polygon_of_its_corners() {
        let center = pos2(10.0, 10.0);
        let corners = [
            pos2(10.0, 4.0),
            pos2(16.0, 10.0),
            pos2(10.0, 16.0),
            pos2(4.0, 10.0),
        ];
        let mut general = Fills::default();
        general.convex_outlined(&corners, Color32::WHITE, 1.5, Color32::RED);
        let mut diamond = Fills::default();
        diamond.diamond(center, 12.0, Color32::WHITE, 1.5, Color32::RED);
        let (general, diamond) = (mesh(general), mesh(diamond));
        assert_eq!(general.indices, diamond.indices);
        for (a, b) in general.vertices.iter().zip(&diamond.vertices) {
            assert!(
                (a.pos - b.pos).length() < 1e-4,
                "{:?} vs {:?}",
                a.pos,
                b.pos
            );
            assert_eq!(a.color, b.color);
        }
    }

    /// Runs one pass of `ctx` at `pixels_per_point` and returns what `paint` returned.
    fn pass<R>(
        ctx: &egui::Context,
        pixels_per_point: f32,
        mut paint: impl FnMut(&egui::Ui) -> R,
    ) -> R {
        let mut out = None;
        let mut input = egui::RawInput::default();
        if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(pixels_per_point);
        }
        let mut output = ctx.run_ui(input, |ui| out = Some(paint(ui)));
        output.textures_delta.clear();
        out.expect("the pass ran")
    }

    #[test]
    fn a_kept_galley_is_reused_until_its_width_or_the_fonts_change() {
        let ctx = egui::Context::default();
        let font = egui::FontId::proportional(13.0);
        let mut kept = KeptGalley::default();
        let mut lay_out = |ui: &egui::Ui, width: f32| {
            let epoch = font_epoch(ui.ctx());
            kept.one_line(
                ui.painter(),
                epoch,
                "Renew 巴林流量卡",
                &font,
                Color32::WHITE,
                width,
            )
        };
        let first = pass(&ctx, 1.0, |ui| lay_out(ui, 200.0));
        let again = pass(&ctx, 1.0, |ui| lay_out(ui, 200.0));
        assert!(
            Arc::ptr_eq(&first, &again),
            "the same text is not laid out again"
        );

        let narrow = pass(&ctx, 1.0, |ui| lay_out(ui, 30.0));
        assert!(!Arc::ptr_eq(&first, &narrow));
        assert!(narrow.elided, "cut to the narrower width");

        // A new scale makes egui drop its galleys (they point into the old atlas): so do we.
        let epoch = pass(&ctx, 1.0, |ui| font_epoch(ui.ctx()));
        let scaled = pass(&ctx, 2.0, |ui| lay_out(ui, 30.0));
        assert!(pass(&ctx, 2.0, |ui| font_epoch(ui.ctx())) > epoch);
        assert!(!Arc::ptr_eq(&narrow, &scaled));
    }
}
