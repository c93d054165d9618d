"""Speed and memory benchmarks of the bot against the least its work can cost."""
