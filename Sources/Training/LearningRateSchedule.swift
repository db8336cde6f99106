import Foundation
import ModelCards

/// Linear warm-up then cosine decay.
///
///     lr(s) = lr₀ · (s + 1) / w                                   for s < w
///     lr(s) = lr₀ · (f + (1 − f) · ½ (1 + cos(π · (s − w) / (S − w))))   otherwise
///
/// with peak `lr₀`, warm-up `w` steps, total `S` steps and final fraction `f`; lr(S − 1) → f·lr₀.
public struct LearningRateSchedule: Sendable, Equatable {
    public var peak: Double
    public var finalFraction: Double
    public var warmupSteps: Int
    public var totalSteps: Int

    public init(recipe: TrainingRecipe) {
        peak = recipe.learningRate; finalFraction = recipe.finalLearningRateFraction
        warmupSteps = min(recipe.warmupSteps, recipe.totalSteps - 1); totalSteps = recipe.totalSteps
    }

    public func rate(atStep s: Int) -> Double {
        if s < warmupSteps { return peak * Double(s + 1) / Double(warmupSteps) }
        let span = Double(max(1, totalSteps - 1 - warmupSteps))
        let progress = min(1, Double(s - warmupSteps) / span)
        return peak * (finalFraction + (1 - finalFraction) * 0.5 * (1 + cos(Double.pi * progress)))
    }
}
