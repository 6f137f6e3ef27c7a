"""The hosted game: a room, its WebSocket server and the process that runs them (no pygame here)."""
