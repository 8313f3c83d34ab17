"""What people and other tools see: interactive pages (render), the Neo4j Browser guide and
style (browser), files for other tools (export), tables (output), and the colours they share
(palette)."""
