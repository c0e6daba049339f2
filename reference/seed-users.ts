/**
 * Realistic, reproducible background users (faker with a fixed seed): a mix of local and SSO
 * users, some never logged in, timestamps spread over the past two years. Names come from
 * pools faker fills once, so that 20,000 users take a fraction of a second.
 */
import { en, Faker } from '@faker-js/faker';
import type { UserStore } from './user-store.ts';

const DAY = 86_400_000;

export function seedUsers(store: UserStore, count: number, seed = 2024): void {
  const faker = new Faker({ locale: [en], seed });
  const firsts = Array.from({ length: 200 }, () =>
    faker.person
      .firstName()
      .toLowerCase()
      .replace(/[^a-z]/g, ''),
  );
  const lasts = Array.from({ length: 200 }, () =>
    faker.person
      .lastName()
      .toLowerCase()
      .replace(/[^a-z]/g, ''),
  );
  const domains = Array.from({ length: 20 }, () => faker.internet.domainName().toLowerCase());
  const separators = ['.', '_', '-', ''];
  const admins = ['admin@reference.local', 'it-ops@example.com', 'platform@example.org'];
  const now = Date.now();
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    const pick = faker.helpers.arrayElement;
    const name = `${pick(firsts)}${pick(separators)}${pick(lasts)}`;
    let username = `${name}@${faker.helpers.arrayElement(domains)}`;
    if (taken.has(username)) username = username.replace('@', `${i}@`);
    taken.add(username);
    const createdAt = now - faker.number.int({ min: 2 * DAY, max: 730 * DAY });
    const updatedAt = createdAt + faker.number.int({ min: 0, max: now - DAY - createdAt });
    const isLocal = faker.datatype.boolean(0.7);
    store.add({
      username,
      createdBy: isLocal ? faker.helpers.arrayElement(admins) : 'sso',
      createdAt,
      updatedAt,
      lastLogin: faker.datatype.boolean(0.8) ? updatedAt + faker.number.int({ min: 0, max: now - updatedAt }) : null,
      isLocal,
      groups: isLocal
        ? null
        : faker.helpers.arrayElements(['research', 'ml-ops', 'data', 'interns'], { min: 1, max: 2 }),
    });
  }
}
