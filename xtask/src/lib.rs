//! Project automation for Terbuka. The corpus generator is a library as
//! well as a command, so the site builder's tests can generate content.

pub mod corpus;
