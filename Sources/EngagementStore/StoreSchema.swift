/// The on-disk schema version of the flat-JSON store. A file with a higher version is refused, never overwritten.
public enum StoreSchema {
    public static let version = 1
}
