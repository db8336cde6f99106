import ModelCards

/// The loop's own state, saved in every checkpoint (JSON in the checkpoint's metadata).
public struct TrainingState: Codable, Sendable, Equatable {
    public var recipe: TrainingRecipe
    public var step = 0
    public var samples = 0
    public var elapsedSeconds = 0.0
    public var lossAverage: Double?
    public var bestCorrelation: Double?
    public var bestStep: Int?
    public var evaluationsWithoutImprovement = 0
    public var history: [ModelCard.Evaluation] = []

    public init(recipe: TrainingRecipe) { self.recipe = recipe }
}
