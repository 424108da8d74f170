import type { Delivery } from '../../core/send.ts';
import type { DeliveryDetails } from './delivery-store.ts';

/** One reader's delivery record of one edition, with what its settle recorded (message id, times, reason). */

export interface ReaderDelivery extends Delivery {
  readonly edition: string;
  readonly details: DeliveryDetails;
}
/** A reader's delivery records across editions (DynamoDeliveries: every edition whose records may still exist). */

export interface ReaderDeliveries {
  ofReader(subscriberId: string, now: number): Promise<ReaderDelivery[]>;
  eraseReader(subscriberId: string, now: number): Promise<void>;
}
