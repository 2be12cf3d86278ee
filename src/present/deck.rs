//! The presenter's state: which slides, and which one is showing.

use super::walkthrough::{Walkthrough, overview, walkthrough};
use crate::model::{Document, View};
use crate::rules::Finding;
use std::fmt;

/// Where a deck's slides come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeckSource {
    /// The plan's own views; for a plan without any, its title slide followed by the Mail
    /// flow and Sharing walkthroughs, so F5 always shows something worth presenting.
    Plan,
    /// A walkthrough generated from the plan.
    Walkthrough(Walkthrough),
}

impl DeckSource {
    /// Every source, in the order the presenter's chooser lists them: the plan's own views first.
    pub const ALL: [DeckSource; 4] = [
        DeckSource::Plan,
        DeckSource::Walkthrough(Walkthrough::MailFlow),
        DeckSource::Walkthrough(Walkthrough::Sharing),
        DeckSource::Walkthrough(Walkthrough::Findings),
    ];

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DeckSource::Plan => "Plan views",
            DeckSource::Walkthrough(w) => w.label(),
        }
    }
}

impl DeckSource {
    /// A name for people for this plan: the plan's source is "Plan views" only when the plan
    /// has saved views; without any, it is the overview and the walkthroughs made for it.
    #[must_use]
    pub fn label_for(self, doc: &Document) -> &'static str {
        match self {
            DeckSource::Plan if doc.views.is_empty() => "Overview and walkthroughs",
            DeckSource::Plan | DeckSource::Walkthrough(_) => self.label(),
        }
    }
}

impl fmt::Display for DeckSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// An ordered, never empty list of slides and the index of the one showing.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    source: DeckSource,
    views: Vec<View>,
    index: usize,
}

impl Deck {
    /// The deck of this source for this plan, on its first slide.
    #[must_use]
    pub fn new(doc: &Document, findings: &[Finding], source: DeckSource) -> Self {
        let views = match source {
            DeckSource::Plan if doc.views.is_empty() => {
                let mut views = vec![overview(doc)];
                views.extend(walkthrough(doc, findings, Walkthrough::MailFlow));
                views.extend(walkthrough(doc, findings, Walkthrough::Sharing));
                views
            }
            DeckSource::Plan => doc.views.clone(),
            DeckSource::Walkthrough(w) => walkthrough(doc, findings, w),
        };
        Self::from_views(source, views, doc)
    }

    /// The deck a presentation opens with: the plan's own views when it has some, otherwise
    /// its title slide and the Mail flow and Sharing walkthroughs (see [`DeckSource::Plan`]).
    #[must_use]
    pub fn for_plan(doc: &Document, findings: &[Finding]) -> Self {
        Self::new(doc, findings, DeckSource::Plan)
    }

    /// A deck of these slides; an empty list becomes the plan's title slide.
    #[must_use]
    pub fn from_views(source: DeckSource, views: Vec<View>, doc: &Document) -> Self {
        let views = if views.is_empty() {
            vec![overview(doc)]
        } else {
            views
        };
        Self {
            source,
            views,
            index: 0,
        }
    }

    /// Where the slides come from.
    #[must_use]
    pub fn source(&self) -> DeckSource {
        self.source
    }

    /// All slides, in order.
    #[must_use]
    pub fn views(&self) -> &[View] {
        &self.views
    }

    /// How many slides (at least one).
    #[must_use]
    pub fn len(&self) -> usize {
        self.views.len()
    }

    /// Always false: a deck has at least one slide. Present for API symmetry with `len`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.views.is_empty()
    }

    /// The index of the slide showing, from 0.
    #[must_use]
    pub fn index(&self) -> usize {
        self.index
    }

    /// The slide showing.
    #[must_use]
    pub fn current(&self) -> &View {
        // The constructors never leave `views` empty and every move clamps `index`.
        &self.views[self.index.min(self.views.len() - 1)]
    }

    /// Whether the first slide is showing.
    #[must_use]
    pub fn is_first(&self) -> bool {
        self.index == 0
    }

    /// Whether the last slide is showing.
    #[must_use]
    pub fn is_last(&self) -> bool {
        self.index + 1 >= self.views.len()
    }

    /// Shows the next slide; false (and nothing changes) on the last one.
    // A deck is stepped by the presenter, not iterated: `Iterator` would be the wrong contract.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> bool {
        self.go_to(self.index + 1)
    }

    /// Shows the previous slide; false (and nothing changes) on the first one.
    pub fn prev(&mut self) -> bool {
        match self.index.checked_sub(1) {
            Some(i) => self.go_to(i),
            None => false,
        }
    }

    /// Shows the first slide; false when it already shows.
    pub fn first(&mut self) -> bool {
        self.go_to(0)
    }

    /// Shows the last slide; false when it already shows.
    pub fn last(&mut self) -> bool {
        self.go_to(self.views.len() - 1)
    }

    /// Shows slide `index` (from 0); false when it is out of range or already showing.
    pub fn go_to(&mut self, index: usize) -> bool {
        if index >= self.views.len() || index == self.index {
            return false;
        }
        self.index = index;
        true
    }

    /// "3 / 7": the slide showing, counted from 1, and how many there are.
    #[must_use]
    pub fn progress(&self) -> String {
        format!("{} / {}", self.index + 1, self.views.len())
    }
}
