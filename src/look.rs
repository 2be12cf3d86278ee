//! How nodes and links look, described once for the canvas and the SVG exporter.
