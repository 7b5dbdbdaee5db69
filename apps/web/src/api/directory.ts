import type { Organization, OrganizationInput, PartySideCorrection, Person, PersonInput, Side } from '@qiao/contracts';
import { api, type Items } from './client.ts';

export const directoryApi = {
  sides: () => api.get<Items<Side>>('/api/sides').then((r) => r.items),
  organizations: () => api.get<Items<Organization>>('/api/organizations').then((r) => r.items),
  people: () => api.get<Items<Person>>('/api/people').then((r) => r.items),
  createOrganization: (body: OrganizationInput) => api.post<Organization>('/api/organizations', body),
  createPerson: (body: PersonInput) => api.post<Person>('/api/people', body),
  /** Admins only: a side is fixed after creation except for this audited correction. */
  correctOrganizationSide: (id: string, body: PartySideCorrection) => api.post<Organization>(`/api/organizations/${id}/side`, body),
  correctPersonSide: (id: string, body: PartySideCorrection) => api.post<Person>(`/api/people/${id}/side`, body),
};
