"""gongkai (公开): a platform for China's government information disclosure work."""

__version__ = "0.1.0"
