//! Undo and redo, as whole-state snapshots: states are small (a 5,000-renewal state clones in
//! well under a millisecond) and snapshots can never drift from the state they restore.

use crate::model::State;

/// How many steps back the user can go.
const MAX_UNDO: usize = 200;

/// The undo and redo stacks.
#[derive(Default)]
pub struct History {
    undo: Vec<State>,
    redo: Vec<State>,
}

impl History {
    /// Records `before`, the state as it was before a change; clears what could be redone.
    pub fn record(&mut self, before: State) {
        if self.undo.len() == MAX_UNDO {
            self.undo.remove(0);
        }
        self.undo.push(before);
        self.redo.clear();
    }

    /// Steps back: swaps `current` for the state before the last change. `false` when there
    /// is nothing to undo.
    pub fn undo(&mut self, current: &mut State) -> bool {
        let Some(previous) = self.undo.pop() else {
            return false;
        };
        self.redo.push(std::mem::replace(current, previous));
        true
    }

    /// Steps forward again after an undo. `false` when there is nothing to redo.
    pub fn redo(&mut self, current: &mut State) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo.push(std::mem::replace(current, next));
        true
    }

    /// How many steps can be undone: the place of the current state in the history.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
