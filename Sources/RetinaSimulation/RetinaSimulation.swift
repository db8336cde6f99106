/// Module `RetinaSimulation`: see README.md, "Architecture".
public enum RetinaSimulationModule {}
