"""Event coding: PLOVER categories with CAMEO codes and Goldstein values, from sentences."""
