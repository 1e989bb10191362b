"""Storyline: sourced knowledge from piles of scraped conflict news."""

__version__ = "0.1.0"
