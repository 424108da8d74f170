/** Counts an operational event (a CloudWatch metric on AWS). */

export interface Metrics {
  count(name: string, value?: number): void;
}
