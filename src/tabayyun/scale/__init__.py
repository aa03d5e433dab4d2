"""Running tabayyun at scale: the Dask batch runner and the feed watcher."""
