/**
 * The one profile rule both providers share: `emails` and `photos` are present
 * only when the provider sent a value.
 *
 * @packageDocumentation
 */
import { nonEmpty } from './json.js';

/** The `emails` and `photos` of a profile, each present only when the provider sent a value. */
export interface ContactFields {
  emails?: Array<{ value: string; verified: boolean }>;
  photos?: Array<{ value: string }>;
}

/**
 * Adds `emails` and `photos` to a profile when there is a value for them:
 * fields the user did not share stay absent, never `[{}]`.
 *
 * @param profile - the profile to complete
 * @param email - the email, if any
 * @param verified - whether the provider vouches for the email
 * @param photo - the picture URL, if any
 */
export function addContacts<T extends ContactFields>(profile: T, email: unknown, verified: boolean, photo: unknown): T {
  const address = nonEmpty(email);
  if (address !== undefined) profile.emails = [{ value: address, verified }];
  const picture = nonEmpty(photo);
  if (picture !== undefined) profile.photos = [{ value: picture }];
  return profile;
}
