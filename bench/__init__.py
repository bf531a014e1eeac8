"""`make bench`: measure Cluster Hub's pages against generated data (see bench/README.md)."""
