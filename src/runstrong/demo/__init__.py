"""A seeded, realistic year of training for a demo athlete (pure: no store, no I/O)."""

from runstrong.demo.generator import DEMO_ATHLETE, DemoTraining, generate_demo_training

__all__ = ["DEMO_ATHLETE", "DemoTraining", "generate_demo_training"]
