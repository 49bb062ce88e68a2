"""Use cases per role. The CLI and the UI both call these; neither runs SQL of its own."""
