//! The dedicated Exchange hybrid application and the product lifecycle (rules-v2): rules
//! that depend on the evaluation date ([app], [appblog], [secblog], [ps-authsrv], [lc2010],
//! [lc2013], [lc2016], [lc2019], [css-hc]).

use super::context::Context;
use super::{Severity, Sink, and_list, names};
use crate::model::{Build, Date, Update, Version, YearMonth};

/// `D_ANNOUNCE`: the dedicated hybrid app was announced ([secblog]) and the hotfix updates
/// that support it were released ([ps-authsrv]).
pub(crate) const D_ANNOUNCE: Date = Date::known(2025, 4, 18);
/// `D_BLOCK`: EWS through the shared service principal is blocked for good ([app], [appblog]).
pub(crate) const D_BLOCK: Date = Date::known(2025, 10, 31);
/// The month of the hotfix updates that support the dedicated app (April 2025).
const HU_MONTH: YearMonth = YearMonth::known(2025, 4);
/// How long before the end of extended support R-VER-EOL starts to say so ([css-hc]).
pub(crate) const EOL_NOTICE_DAYS: i64 = 365;

/// `EOS(v)`: the end of extended support ([lc2010], [lc2013], [lc2016], [lc2019]).
/// Exchange Server SE follows the Modern Lifecycle Policy and has no end date [INFERENCE].
pub(crate) fn end_of_support(v: Version) -> Option<Date> {
    match v {
        Version::V2010 => Some(Date::known(2020, 10, 13)),
        Version::V2013 => Some(Date::known(2023, 4, 11)),
        Version::V2016 | Version::V2019 => Some(Date::known(2025, 10, 14)),
        Version::Se => None,
    }
}

/// R-APP-DEDICATED: an Exchange Online node that does not state the dedicated hybrid app as
/// enabled. An error once `dedicated_hybrid_app` is `false` and the shared service
/// principal is blocked; otherwise (absent means "not stated" [INFERENCE], or before the
/// block) a warning. One finding per severity.
pub(super) fn app_dedicated(cx: &Context, out: &mut Sink) {
    let blocked = cx.as_of >= D_BLOCK;
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for &x in &cx.online {
        match cx.node(x).dedicated_hybrid_app {
            Some(true) => {}
            Some(false) if blocked => errors.push(x),
            _ => warnings.push(x),
        }
    }
    if !errors.is_empty() {
        out.report_as(
            Severity::Error,
            format!(
                "The dedicated Exchange hybrid app is not enabled for {}; since {D_BLOCK} EWS calls through the shared service principal are blocked, so free/busy, MailTips and photos between on-premises and Exchange Online mailboxes fail",
                names(cx, &errors)
            ),
            &errors,
            &[],
        );
    }
    if !warnings.is_empty() {
        let when = if blocked {
            format!("are blocked since {D_BLOCK}")
        } else {
            format!("will be blocked from {D_BLOCK}")
        };
        out.report_as(
            Severity::Warning,
            format!(
                "The plan does not show the dedicated Exchange hybrid app enabled for {}; EWS calls through the shared service principal {when}, which stops free/busy, MailTips and photos for on-premises mailboxes",
                names(cx, &warnings)
            ),
            &warnings,
            &[],
        );
    }
}

/// Why a server cannot use the dedicated hybrid app, if it cannot (R-APP-BUILD). A missing
/// build or update month counts as current, as in rules v1.
fn app_build_gap(cx: &Context, s: usize) -> Option<String> {
    let node = cx.node(s);
    let version = node.version?;
    let min_cu = match version {
        Version::V2010 | Version::V2013 => return Some(format!("Exchange {version}")),
        Version::V2016 => 23,
        Version::V2019 => 14,
        Version::Se => return None,
    };
    if let Some(Build::Cu { cu }) = node.build
        && cu < min_cu
    {
        return Some(format!("Exchange {version} CU{cu}"));
    }
    if node.update() == Update::Older {
        return Some(format!("Exchange {version}, an older cumulative update"));
    }
    match node.update_month() {
        Some(month) if month < HU_MONTH => Some(format!("Exchange {version}, updates of {month}")),
        _ => None,
    }
}

/// R-APP-BUILD: servers in `S` that cannot use the dedicated hybrid app; an error from
/// `D_BLOCK`, a warning before. Edge servers are left out: the dedicated app is not
/// supported on that role (CSS-Exchange skips it).
pub(super) fn app_build(cx: &Context, out: &mut Sink) {
    let mut bad = Vec::new();
    let mut why = Vec::new();
    for &s in &cx.servers {
        if let Some(gap) = app_build_gap(cx, s) {
            why.push(format!("{} ({gap})", cx.name(s)));
            bad.push(s);
        }
    }
    if bad.is_empty() {
        return;
    }
    let (severity, when) = if cx.as_of >= D_BLOCK {
        (Severity::Error, "required since")
    } else {
        (Severity::Warning, "required from")
    };
    out.report_as(
        severity,
        format!(
            "{} cannot use the dedicated Exchange hybrid app ({when} {D_BLOCK}): it needs Exchange 2016 CU23 or 2019 CU14/CU15 with the April 2025 hotfix update or later, or Exchange Server SE",
            and_list(&why)
        ),
        &bad,
        &[],
    );
}

/// R-VER-EOL: servers and Edge servers past the end of extended support (warning), or
/// within the year before it, both ends included (info). One finding per severity.
pub(super) fn ver_eol(cx: &Context, out: &mut Sink) {
    let mut past: Vec<(usize, Version)> = Vec::new();
    let mut near: Vec<(usize, Version)> = Vec::new();
    let mut all: Vec<usize> = cx.servers.iter().chain(&cx.edges).copied().collect();
    all.sort_unstable();
    for s in all {
        let Some(v) = cx.version(s) else { continue };
        let Some(eos) = end_of_support(v) else {
            continue;
        };
        if cx.as_of > eos {
            past.push((s, v));
        } else if cx.as_of >= eos.add_days(-EOL_NOTICE_DAYS) {
            near.push((s, v));
        }
    }
    if !past.is_empty() {
        let (subjects, list, date) = grouped(cx, &past, "ended");
        let date = date.map_or_else(String::new, |d| format!(" ({d})"));
        let verb = if subjects.len() == 1 { "is" } else { "are" };
        let gets = if subjects.len() == 1 { "gets" } else { "get" };
        out.report_as(
            Severity::Warning,
            format!(
                "{list} {verb} past the end of extended support{date} and {gets} no more security updates"
            ),
            &subjects,
            &[],
        );
    }
    if !near.is_empty() {
        let (subjects, list, date) = grouped(cx, &near, "ends");
        let verb = if subjects.len() == 1 {
            "reaches"
        } else {
            "reach"
        };
        let days = near
            .iter()
            .filter_map(|&(_, v)| end_of_support(v))
            .map(|eos| cx.as_of.days_until(eos))
            .min()
            .unwrap_or(0);
        let when = match days {
            0 => "today".to_owned(),
            1 => "tomorrow".to_owned(),
            n => format!("in {n} days"),
        };
        let when = match date {
            Some(d) => format!(" on {d}, {when}"),
            None => format!(" within a year (the first {when})"),
        };
        out.report_as(
            Severity::Info,
            format!(
                "{list} {verb} the end of extended support{when}; plan the move to Exchange Server SE"
            ),
            &subjects,
            &[],
        );
    }
}

/// The servers of one R-VER-EOL finding, the list that names them by version
/// ("EX16-01 and EX16-02 (Exchange 2016)", with "ended <date>" in each group when the
/// dates differ) and the common date (`None` when they differ).
fn grouped(
    cx: &Context,
    items: &[(usize, Version)],
    verb: &str,
) -> (Vec<usize>, String, Option<Date>) {
    let mut versions: Vec<Version> = items.iter().map(|&(_, v)| v).collect();
    versions.sort_unstable();
    versions.dedup();
    let dates: Vec<Date> = {
        let mut d: Vec<Date> = versions.iter().filter_map(|&v| end_of_support(v)).collect();
        d.dedup();
        d
    };
    let one_date = dates.len() == 1;
    let groups: Vec<String> = versions
        .iter()
        .map(|&v| {
            let servers: Vec<usize> = items
                .iter()
                .filter(|&&(_, w)| w == v)
                .map(|&(s, _)| s)
                .collect();
            match end_of_support(v) {
                Some(eos) if !one_date => {
                    format!("{} (Exchange {v}, {verb} {eos})", names(cx, &servers))
                }
                _ => format!("{} (Exchange {v})", names(cx, &servers)),
            }
        })
        .collect();
    let date = match dates.as_slice() {
        [d] => Some(*d),
        _ => None,
    };
    let subjects = items.iter().map(|&(s, _)| s).collect();
    (subjects, and_list(&groups), date)
}
