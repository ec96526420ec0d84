//! Typed ids, so a SIM id can never be passed where a plan id is meant.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Identifies a [`crate::model::Sim`].
    SimId
);
id_type!(
    /// Identifies a [`crate::model::Plan`].
    PlanId
);
id_type!(
    /// Identifies a [`crate::model::Renewal`].
    RenewalId
);
id_type!(
    /// Identifies a [`crate::model::Trip`].
    TripId
);
