//! A draft and a corpus → what the draft copies, from where (查重).
