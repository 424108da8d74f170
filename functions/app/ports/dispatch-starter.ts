/** Starts an edition's dispatch elsewhere and returns at once (the dispatch function on AWS, asynchronously). */

export interface DispatchStarter {
  start(edition: string): Promise<void>;
}
