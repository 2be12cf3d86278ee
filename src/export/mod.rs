//! Exporters: SVG, PNG, JSON and findings reports.
