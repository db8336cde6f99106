/// Where the shipped model lives, relative to the package root (the working directory of
/// `swift run`).
enum ModelLocation {
    static let shippedPath = "Assets/model/bncnn-groundtruth.safetensors"
}
