//! The day the designer judges the open plan on: the plan's own `evaluation_date`, today, or
//! a day the user chose for this session only ("what turns red next year"), which the plan
//! never stores.

use crate::model::{Date, Document};
use crate::rules;

/// Where the day the plan is judged on comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AsOfSource {
    /// The plan has no `evaluation_date`: today (UTC).
    Today,
    /// The plan's `hybrid.evaluation_date`.
    Plan,
    /// A day chosen in the status bar for this session; the plan is unchanged.
    Session,
}

/// The day the findings and the certificate badges are worked out for, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AsOf {
    /// The day.
    pub date: Date,
    /// Where it comes from.
    pub source: AsOfSource,
}

impl AsOf {
    /// The day for `doc`: `chosen` when the user picked one, else the plan's date or today.
    #[must_use]
    pub fn of(doc: &Document, chosen: Option<Date>) -> Self {
        if let Some(date) = chosen {
            return Self {
                date,
                source: AsOfSource::Session,
            };
        }
        let source = if doc
            .hybrid
            .evaluation_date
            .as_deref()
            .is_some_and(|d| Date::parse(d).is_ok())
        {
            AsOfSource::Plan
        } else {
            AsOfSource::Today
        };
        Self {
            date: rules::evaluation_date(doc),
            source,
        }
    }

    /// What the status bar says: "As of 2026-12-04 (today)".
    #[must_use]
    pub fn text(self) -> String {
        let source = match self.source {
            AsOfSource::Today => "today",
            AsOfSource::Plan => "the plan's date",
            AsOfSource::Session => "this session only",
        };
        format!("As of {} ({source})", self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_day_wins_over_the_plans_date_and_today() {
        let mut doc = Document::new("t");
        let today = AsOf::of(&doc, None);
        assert_eq!(today.source, AsOfSource::Today);
        assert_eq!(today.date, Date::today());
        assert!(today.text().ends_with("(today)"), "{}", today.text());
        doc.hybrid.evaluation_date = Some("2026-01-15".into());
        let plan = AsOf::of(&doc, None);
        assert_eq!(plan.text(), "As of 2026-01-15 (the plan's date)");
        let chosen = AsOf::of(&doc, Some(Date::known(2027, 6, 1)));
        assert_eq!(chosen.source, AsOfSource::Session);
        assert_eq!(chosen.text(), "As of 2027-06-01 (this session only)");
    }
}
