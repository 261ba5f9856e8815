"""Everything needed to put the assistant on a web page: channel, static server, widget."""
