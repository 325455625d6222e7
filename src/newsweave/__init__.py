"""newsweave: read many news reports and say what happened, where sources agree, add and differ.

Importing the package loads no model and opens no database.
"""

__version__ = "0.1.0"
