"""Order worker of the demo shop."""
