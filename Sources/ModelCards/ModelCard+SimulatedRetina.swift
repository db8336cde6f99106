import RetinaSimulation

extension ModelCard {
    /// The simulated retina this card's model was trained on: its circuit parameters, its cells and
    /// the model's screen (height × width pixels of the recipe's architecture). Meaningful only for a
    /// card of the simulated retina (`dataSource == nil`).
    public var trainingRetina: SimulatedRetina {
        SimulatedRetina(parameters: simulatorParameters, cells: simulatorCells,
                        screenHeight: recipe.architecture.height, screenWidth: recipe.architecture.width)
    }
}
