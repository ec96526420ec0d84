//! The layout of DESIGN.md, checked from the sources: arrows point one way (`model` <-
//! `schedule` <- `store`, `export` <- `cli`, `ui`), the core never names egui, eframe or clap,
//! the window and the CLI never import each other, and inside `ui` no view imports the shell or
//! another view. An import circle between files fails too. Each failure names the file and the
//! line.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The views of `src/ui/`: each may use the vocabulary below it, never the shell (`ui/app/`,
/// `ui/mod.rs`) nor another view. A file of `ui/` in neither list is vocabulary, which may use
/// no view at all.
const VIEWS: &[&str] = &[
    "alerts",
    "costs",
    "coverage",
    "day_panel",
    "details",
    "editors",
    "files",
    "legend",
    "month",
    "plans",
    "sim_list",
    "startup",
    "timeline",
    "trips",
];

/// Crates only the window (and the CLI's argument parser) may name.
const TOOLKIT_CRATES: &[&str] = &[
    "clap",
    "eframe",
    "egui",
    "egui_extras",
    "egui_kittest",
    "egui_plot",
    "rfd",
];

/// What each part of the library may import besides itself.
fn allowed(from: &str, to: &str) -> bool {
    from == to
        || match from {
            "model" => false,
            "schedule" => to == "model",
            "text" => matches!(to, "model" | "schedule"),
            "store" => matches!(to, "model" | "schedule"),
            "export" => matches!(to, "model" | "schedule" | "store"),
            "cli" => to != "ui",
            "ui" => to != "cli",
            _ => true,
        }
}

#[test]
fn the_sources_keep_the_layout_of_design_md() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    read_tree(&root, &root, &mut files);
    assert!(
        files.len() > 40,
        "read the whole tree: {} files",
        files.len()
    );
    let violations = check(&files);
    assert!(
        violations.is_empty(),
        "the layout is broken:\n{}",
        violations.join("\n")
    );
}

#[test]
fn an_import_circle_on_a_made_up_tree_is_found_and_named() {
    let tree = made_up(&[
        ("lib.rs", "pub mod model;\npub mod store;\n"),
        (
            "model/mod.rs",
            "mod a;\nmod b;\npub use a::A;\npub use b::B;\n",
        ),
        ("model/a.rs", "use super::B;\n\npub struct A(B);\n"),
        (
            "model/b.rs",
            "// a comment: use super::A;\nuse super::a::A;\npub struct B;\n",
        ),
        ("store/mod.rs", "use crate::model::A;\n"),
    ]);
    let violations = check(&tree);
    assert_eq!(violations.len(), 1, "{violations:#?}");
    let cycle = &violations[0];
    assert!(cycle.contains("import circle"), "{cycle}");
    assert!(cycle.contains("model/a.rs:1"), "{cycle}");
    assert!(cycle.contains("model/b.rs:2"), "{cycle}");
}

#[test]
fn forbidden_arrows_on_a_made_up_tree_are_found_and_named() {
    let tree = made_up(&[
        (
            "lib.rs",
            "pub mod model;\npub mod schedule;\npub mod cli;\npub mod ui;\n",
        ),
        (
            "model/mod.rs",
            "pub struct Sim;\n\nfn colour() -> egui::Color32 { todo!() }\n",
        ),
        (
            "schedule/mod.rs",
            "use crate::model::Sim;\nuse crate::ui::Thing;\n",
        ),
        ("cli/mod.rs", "#[derive(clap::Parser)]\npub struct Cli;\n"),
        (
            "ui/mod.rs",
            "pub mod app;\npub mod month;\npub mod timeline;\npub mod action;\n\
             pub struct Thing;\n",
        ),
        ("ui/app/mod.rs", "use super::action::Action;\n"),
        ("ui/action.rs", "pub enum Action {}\n"),
        (
            "ui/month.rs",
            "use super::action::Action;\n\n\nuse super::app::App;\n",
        ),
        ("ui/timeline.rs", "fn f() { super::month::title(); }\n"),
    ]);
    let violations = check(&tree);
    let expected = [
        "model/mod.rs:3: names egui",
        "schedule/mod.rs:2: schedule may not import ui (ui/mod.rs)",
        "ui/month.rs:4: the view month imports the shell (ui/app/mod.rs)",
        "ui/timeline.rs:1: the view timeline imports the view month (ui/month.rs)",
    ];
    assert_eq!(violations, expected, "{violations:#?}");
}

fn made_up(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
        .collect()
}

fn read_tree(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(root, &path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let relative = path.strip_prefix(root).unwrap();
            let name = relative.to_string_lossy().replace('\\', "/");
            files.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The checker: files by module path, their imports resolved to files, then the rules.

/// One reference from a file to a module path, on a line.
struct Import {
    line: usize,
    /// Absolute module path segments (`["ui", "dnd", "DragPayload"]`).
    path: Vec<String>,
    /// A `pub use`: the module's table of contents, not a use of its own.
    reexport: bool,
}

/// Every rule broken by `files` (paths relative to `src/`), as `file:line: what`.
fn check(files: &BTreeMap<String, String>) -> Vec<String> {
    let modules: BTreeMap<Vec<String>, String> = files
        .keys()
        .filter(|file| file.as_str() != "main.rs")
        .map(|file| (module_of(file), file.clone()))
        .collect();
    // Test code may reach anywhere: `tests.rs` files and `#[cfg(test)]` modules are left out.
    let cleaned: BTreeMap<&String, String> = files
        .iter()
        .filter(|(file, _)| module_of(file).last().is_none_or(|name| name != "tests"))
        .map(|(file, text)| {
            (
                file,
                without_test_modules(&strip_comments_and_strings(text)),
            )
        })
        .collect();
    let mut imports: BTreeMap<&String, Vec<Import>> = BTreeMap::new();
    let mut violations = Vec::new();
    for (file, text) in &cleaned {
        if file.as_str() == "main.rs" {
            continue;
        }
        let module = module_of(file);
        let top = module.first().cloned().unwrap_or_default();
        for (line, name) in toolkit_names(text) {
            if !matches!(top.as_str(), "ui" | "cli" | "") || (top == "cli" && name != "clap") {
                violations.push(format!("{file}:{line}: names {name}"));
            }
        }
        imports.insert(file, imports_of(text, &module, &modules));
    }
    let reexports = reexport_table(&imports, &modules);
    // Resolved edges: (from, to, line, is a re-export).
    let mut edges: Vec<(String, String, usize, bool)> = Vec::new();
    for (file, list) in &imports {
        for import in list {
            if let Some(target) = resolve(&import.path, &modules, &reexports, 0)
                && target != **file
            {
                edges.push(((*file).clone(), target, import.line, import.reexport));
            }
        }
    }
    edges.sort();
    edges.dedup();
    for (from, to, line, _) in &edges {
        if let Some(problem) = arrow_problem(from, to) {
            violations.push(format!("{from}:{line}: {problem}"));
        }
    }
    violations.extend(cycles(&edges));
    violations.sort();
    violations.dedup();
    violations
}

/// `ui/app/mod.rs` -> `["ui", "app"]`; `lib.rs` -> `[]`.
fn module_of(file: &str) -> Vec<String> {
    let trimmed = file.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(str::to_owned).collect();
    if parts
        .last()
        .is_some_and(|last| last == "mod" || last == "lib")
    {
        parts.pop();
    }
    parts
}

/// Where a file sits in the window: the shell, a view (by name), or the vocabulary.
enum Part {
    Core,
    Shell,
    View(String),
    Vocabulary,
}

fn part_of(file: &str) -> Part {
    let module = module_of(file);
    match module.as_slice() {
        [ui] if ui == "ui" => Part::Shell,
        [ui, second, ..] if ui == "ui" => {
            if second == "app" {
                Part::Shell
            } else if VIEWS.contains(&second.as_str()) {
                Part::View(second.clone())
            } else {
                Part::Vocabulary
            }
        }
        _ => Part::Core,
    }
}

fn arrow_problem(from: &str, to: &str) -> Option<String> {
    let (from_top, to_top) = (top_of(from), top_of(to));
    if from_top.is_empty() || to_top.is_empty() {
        return None;
    }
    if !allowed(&from_top, &to_top) {
        return Some(format!("{from_top} may not import {to_top} ({to})"));
    }
    match (part_of(from), part_of(to)) {
        (Part::View(view), Part::Shell) => {
            Some(format!("the view {view} imports the shell ({to})"))
        }
        (Part::View(view), Part::View(other)) if view != other => {
            Some(format!("the view {view} imports the view {other} ({to})"))
        }
        (Part::Vocabulary, Part::Shell) => Some(format!("{from} is below the shell ({to})")),
        (Part::Vocabulary, Part::View(view)) => Some(format!(
            "{from} is below the views but imports {view} ({to})"
        )),
        _ => None,
    }
}

fn top_of(file: &str) -> String {
    module_of(file).first().cloned().unwrap_or_default()
}

/// Import circles between files (re-exports left out: a `mod.rs` listing its children does
/// not depend on them), each reported once with the lines that close it.
fn cycles(edges: &[(String, String, usize, bool)]) -> Vec<String> {
    let mut graph: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (from, to, line, reexport) in edges {
        if !reexport {
            graph
                .entry(from.as_str())
                .or_default()
                .entry(to.as_str())
                .or_insert(*line);
        }
    }
    let mut reported: BTreeSet<Vec<&str>> = BTreeSet::new();
    let mut out = Vec::new();
    for &start in graph.keys() {
        if let Some(cycle) = path_back(&graph, start) {
            let mut key = cycle.clone();
            key.sort_unstable();
            if reported.insert(key) {
                let steps: Vec<String> = cycle
                    .iter()
                    .zip(cycle.iter().cycle().skip(1))
                    .map(|(a, b)| format!("{a}:{} -> {b}", graph[a][b]))
                    .collect();
                out.push(format!("{start}: import circle: {}", steps.join(", ")));
            }
        }
    }
    out
}

/// A shortest path from `start` back to itself, if any (breadth first).
fn path_back<'a>(
    graph: &BTreeMap<&'a str, BTreeMap<&'a str, usize>>,
    start: &'a str,
) -> Option<Vec<&'a str>> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
            if next == start {
                let mut cycle = vec![node];
                let mut at = node;
                while at != start {
                    at = came_from[at];
                    cycle.push(at);
                }
                cycle.reverse();
                return Some(cycle);
            }
            if !came_from.contains_key(next) && next != start {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

/// `name -> absolute path` for each module's `pub use`s.
type Reexports = BTreeMap<Vec<String>, BTreeMap<String, Vec<String>>>;

fn reexport_table(
    imports: &BTreeMap<&String, Vec<Import>>,
    modules: &BTreeMap<Vec<String>, String>,
) -> Reexports {
    let mut table = Reexports::new();
    for (file, list) in imports {
        let module = module_of(file);
        if !modules.contains_key(&module) {
            continue;
        }
        for import in list.iter().filter(|import| import.reexport) {
            if let Some(name) = import.path.last() {
                table
                    .entry(module.clone())
                    .or_default()
                    .insert(name.clone(), import.path.clone());
            }
        }
    }
    table
}

/// The file that defines what `path` names: the longest module prefix, then, for an item,
/// the file a `pub use` of that module forwards it to.
fn resolve(
    path: &[String],
    modules: &BTreeMap<Vec<String>, String>,
    reexports: &Reexports,
    depth: usize,
) -> Option<String> {
    let split = (0..=path.len())
        .rev()
        .find(|&len| modules.contains_key(&path[..len]))?;
    let module = &path[..split];
    if split < path.len() && depth < 8 {
        let item = &path[split];
        if let Some(target) = reexports.get(module).and_then(|names| names.get(item))
            && target.as_slice() != path
            && let Some(file) = resolve(target, modules, reexports, depth + 1)
        {
            return Some(file);
        }
    }
    modules.get(module).cloned()
}

/// The uses of crate-local paths in `text` (comments and strings already blanked): `use`
/// declarations, expanded, and paths written inline.
fn imports_of(
    text: &str,
    module: &[String],
    modules: &BTreeMap<Vec<String>, String>,
) -> Vec<Import> {
    let children: BTreeSet<String> = modules
        .keys()
        .filter(|path| path.len() == module.len() + 1 && path.starts_with(module))
        .filter_map(|path| path.last().cloned())
        .collect();
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    // `use` declarations.
    while let Some(found) = find_word(rest, "use") {
        let start = offset + found;
        let after = &text[start + 3..];
        let Some(end) = after.find(';') else { break };
        let tree = &after[..end];
        let line = line_at(text, start);
        let reexport = is_public(&text[..start]);
        for path in expand_use_tree(tree) {
            if let Some(absolute) = absolute(&path, module, &children) {
                out.push(Import {
                    line,
                    path: absolute,
                    reexport,
                });
            }
        }
        offset = start + 3 + end;
        rest = &text[offset..];
    }
    // Inline paths: `crate::a::b`, `super::x`, `self::y`, `child::z`.
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let starts_word = index == 0 || !is_ident(bytes[index - 1]) && bytes[index - 1] != b':';
        if starts_word && is_ident_start(bytes[index]) {
            let end = path_end(bytes, index);
            let written = &text[index..end];
            if written.contains("::") && !in_use(text, index) {
                let segments: Vec<String> =
                    written.split("::").map(|s| s.trim().to_owned()).collect();
                if let Some(absolute) = absolute(&segments, module, &children) {
                    out.push(Import {
                        line: line_at(text, index),
                        path: absolute,
                        reexport: false,
                    });
                }
            }
            index = end.max(index + 1);
        } else {
            index += 1;
        }
    }
    out
}

/// Whether the text before a `use` ends in `pub` or `pub(…)`: a re-export.
fn is_public(before: &str) -> bool {
    let before = before.trim_end();
    if before.ends_with("pub") {
        return true;
    }
    before.ends_with(')')
        && before
            .rfind("pub(")
            .is_some_and(|at| !before[at..].contains('\n') && !before[at..].contains(';'))
}

/// Whether the byte at `index` lies inside a `use …;` declaration.
fn in_use(text: &str, index: usize) -> bool {
    let before = &text[..index];
    let Some(use_at) = rfind_word(before, "use") else {
        return false;
    };
    !before[use_at..].contains(';')
}

/// A path written relative to `module` as absolute segments, or `None` for another crate's.
fn absolute(
    path: &[String],
    module: &[String],
    children: &BTreeSet<String>,
) -> Option<Vec<String>> {
    let first = path.first()?;
    let mut base: Vec<String> = match first.as_str() {
        "crate" => Vec::new(),
        "self" => module.to_vec(),
        "super" => {
            let mut parent = module.to_vec();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                parent.pop();
                rest = &rest[1..];
            }
            parent.extend(rest.iter().filter(|s| *s != "self").cloned());
            return Some(parent);
        }
        child if children.contains(child) => {
            let mut own = module.to_vec();
            own.extend(path.iter().filter(|s| *s != "self").cloned());
            return Some(own);
        }
        _ => return None,
    };
    base.extend(path[1..].iter().filter(|s| *s != "self").cloned());
    Some(base)
}

/// `a::{b, c::{d, self}}` -> `a::b`, `a::c::d`, `a::c`; `x as y` -> `x`.
fn expand_use_tree(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    expand_into(&tree, &[], &mut out);
    out
}

fn expand_into(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let tree = tree.trim().trim_start_matches("::");
    let segments = |text: &str| -> Vec<String> {
        text.split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "*")
            .map(str::to_owned)
            .collect()
    };
    let mut base = prefix.to_vec();
    if let Some(open) = tree.find('{') {
        base.extend(segments(&tree[..open]));
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        for part in split_top_level(inner) {
            expand_into(&part, &base, out);
        }
    } else {
        let name = tree.split(" as ").next().unwrap_or(tree);
        base.extend(segments(name));
        if !base.is_empty() {
            out.push(base);
        }
    }
}

fn split_top_level(list: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in list.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// `(line, crate)` for each toolkit crate `text` names as a path (`egui::…`, `use egui…`).
fn toolkit_names(text: &str) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    for name in TOOLKIT_CRATES {
        let mut from = 0;
        while let Some(found) = text[from..].find(name) {
            let at = from + found;
            let before = text[..at].chars().next_back();
            let after = &text[at + name.len()..];
            let whole_word = before.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != ':')
                && after.starts_with("::");
            if whole_word {
                out.push((line_at(text, at), *name));
            }
            from = at + name.len();
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn is_ident(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

fn is_ident_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

/// The end of a path `a::b::c` starting at `start`.
fn path_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    loop {
        while end < bytes.len() && is_ident(bytes[end]) {
            end += 1;
        }
        if bytes.get(end..end + 2) == Some(b"::")
            && bytes.get(end + 2).is_some_and(|b| is_ident_start(*b))
        {
            end += 2;
        } else {
            return end;
        }
    }
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let at = from + found;
        let before_ok = at == 0 || !is_ident(bytes[at - 1]);
        let after_ok = bytes.get(at + word.len()).is_none_or(|b| !is_ident(*b));
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

fn rfind_word(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut until = text.len();
    while let Some(at) = text[..until].rfind(word) {
        let before_ok = at == 0 || !is_ident(bytes[at - 1]);
        let after_ok = bytes.get(at + word.len()).is_none_or(|b| !is_ident(*b));
        if before_ok && after_ok {
            return Some(at);
        }
        until = at;
    }
    None
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// `text` with each `#[cfg(test)] mod … { … }` blanked out (lines kept).
fn without_test_modules(text: &str) -> String {
    let mut out = text.to_owned();
    let mut from = 0;
    while let Some(found) = out[from..].find("#[cfg(test)]") {
        let at = from + found;
        let after = &out[at..];
        let Some(open) = after.find('{') else { break };
        let head = &after["#[cfg(test)]".len()..open];
        if !head.trim_start().starts_with("mod ") || head.contains(';') {
            from = at + 1;
            continue;
        }
        let mut depth = 0;
        let mut end = at + open;
        for (offset, c) in out[at + open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = at + open + offset + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        let blanked: String = out[at..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(at..end, &blanked);
        from = end;
    }
    out
}

/// `text` with comments and the contents of string and char literals blanked out (lines kept),
/// so a path in a doc comment or a message is not taken for an import.
fn strip_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && (i == 0 || !chars[i - 1].is_alphanumeric())
        {
            // Raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.push_str(&" ".repeat(j - i + 1));
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                    out.push_str(&" ".repeat(1 + hashes));
                    j += 1 + hashes;
                    break;
                }
                out.push(blank(chars[j]));
                j += 1;
            }
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}'), or a lifetime, which is left as it is.
            let close = if next == Some('\\') {
                (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            if let Some(end) = close {
                out.push_str(&" ".repeat(end - i + 1));
                i = end + 1;
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}
