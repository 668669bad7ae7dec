//! `taohua scan` end to end.
