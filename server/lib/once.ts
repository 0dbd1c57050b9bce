/**
 * A promise made on first use and shared by every later use, made again after it failed: a folder
 * that could not be created or models that could not be unpacked may work a moment later, and a
 * cached rejection would fail every page until a restart.
 */
export interface Once<T> {
  (): Promise<T>;
  /** The promise if it has been made (and not forgotten), without making it. */
  made(): Promise<T> | null;
  /** The next use makes it again (what it made may be gone). */
  forget(): void;
}

export function onceUntilFailed<T>(make: () => Promise<T>): Once<T> {
  let made: Promise<T> | null = null;
  const use = (): Promise<T> => {
    if (made) return made;
    const making: Promise<T> = make().catch((err: unknown) => {
      if (made === making) made = null; // not one made again after a forget() meanwhile
      throw err;
    });
    return (made = making);
  };
  return Object.assign(use, { made: () => made, forget: () => void (made = null) });
}
