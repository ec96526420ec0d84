//! What `sim-planner check` warns about in a state that loads: allowed, but risky.

use crate::model::{LinkSafety, State};

use super::Item;

/// Something risky about one [`Item`], shown as e.g. `SIM 2: the renewal link … is not https`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Warning {
    /// The link rule: an `http` link is opened, but with a warning.
    #[error("{item}: the renewal link {url:?} is not https; check it before paying")]
    LinkNotHttps { item: Item, url: String },
    /// The link rule: anything but http(s) is shown as text and never opened.
    #[error("{item}: the renewal link {url:?} is not a web link, so it is never opened")]
    LinkNotWeb { item: Item, url: String },
}

/// Every warning about `state`, in file order.
pub fn warnings(state: &State) -> Vec<Warning> {
    state
        .sims
        .iter()
        .filter_map(|sim| {
            let (url, safety) = sim.renew_link()?;
            let item = Item::Sim(sim.id);
            let url = url.to_owned();
            match safety {
                LinkSafety::Https => None,
                LinkSafety::Http => Some(Warning::LinkNotHttps { item, url }),
                LinkSafety::NotWeb => Some(Warning::LinkNotWeb { item, url }),
            }
        })
        .collect()
}
