"""Work on more than one report: two years compared, a region's reports summed."""
