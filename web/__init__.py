"""How the assistant is embedded: the chat widget, the demo page and its static server."""
