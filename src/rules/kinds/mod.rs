//! One file per rule kind; [`super::KINDS`] lists them.

pub(super) mod acronym;
pub(super) mod consistency;
pub(super) mod credit_line;
pub(super) mod figure_attribution;
pub(super) mod forbidden_statement;
pub(super) mod front_matter;
pub(super) mod heading_style;
pub(super) mod length;
pub(super) mod link_hygiene;
pub(super) mod number_style;
pub(super) mod phrase_list;
pub(super) mod quote_attribution;
pub(super) mod required_statement;
pub(super) mod substitution;
pub(super) mod term_attribution;
pub(super) mod typography;
