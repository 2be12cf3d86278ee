//! Presentation views: built-in walkthroughs generated from the plan, and camera framing.
