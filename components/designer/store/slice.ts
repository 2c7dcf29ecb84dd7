// How a slice of the designer store sees the store: only the part of the state it reads and writes, so each slice
// can be written and read on its own (zustand's slices pattern, without the slices knowing of each other).
export type SliceSet<T> = (update: Partial<T> | ((state: T) => Partial<T>)) => void;
export type SliceGet<T> = () => T;
