import ReportKit

/// The works the report cites, in the order of the Methods list. Links are given only where the
/// address is certain (arXiv); journal articles are cited by volume and pages.
enum ReportReferences {
    static let all: [RichText] = [
        "Tanaka H, Nayebi A, Maheswaranathan N, McIntosh L, Baccus SA, Ganguli S (2019). From deep learning to "
            + "mechanistic understanding in neuroscience: the structure of retinal prediction. "
            + .emphasis("Advances in Neural Information Processing Systems 32") + ". "
            + .link("arXiv:1912.06207", to: "https://arxiv.org/abs/1912.06207"),
        "McIntosh LT, Maheswaranathan N, Nayebi A, Ganguli S, Baccus SA (2016). Deep learning models of the retinal "
            + "response to natural scenes. " + .emphasis("Advances in Neural Information Processing Systems 29") + ". "
            + .link("arXiv:1702.01825", to: "https://arxiv.org/abs/1702.01825"),
        "Sundararajan M, Taly A, Yan Q (2017). Axiomatic attribution for deep networks. "
            + .emphasis("Proceedings of the 34th International Conference on Machine Learning") + ". "
            + .link("arXiv:1703.01365", to: "https://arxiv.org/abs/1703.01365"),
        "Berry MJ, Brivanlou IH, Jordan TA, Meister M (1999). Anticipation of moving stimuli by the retina. "
            + .emphasis("Nature") + " 398:334–338.",
        "Schwartz G, Harris R, Shrom D, Berry MJ (2007). Detection and prediction of periodic patterns by the retina. "
            + .emphasis("Nature Neuroscience") + " 10:552–554.",
        "Schwartz G, Taylor S, Fisher C, Harris R, Berry MJ (2007). Synchronized firing among retinal ganglion cells "
            + "signals motion reversal. " + .emphasis("Neuron") + " 55:958–969.",
        "Gollisch T, Meister M (2008). Rapid neural coding in the retina with relative spike latencies. "
            + .emphasis("Science") + " 319:1108–1111.",
    ]
}
