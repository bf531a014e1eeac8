"""Cluster Hub: the e-Cluster and Cluster Management System of an industrial-cluster program."""
