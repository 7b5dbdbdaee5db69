import type {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  Session,
  SignInRequest,
  UpdateMeRequest,
} from '@qiao/contracts';
import { api } from './client.ts';

export const authApi = {
  me: () => api.get<Session>('/api/auth/me'),
  signIn: (body: SignInRequest) => api.post<Session>('/api/auth/sign-in', body),
  signOut: () => api.post<undefined>('/api/auth/sign-out'),
  changePassword: (body: ChangePasswordRequest) => api.post<Session>('/api/auth/password', body),
  updateMe: (body: UpdateMeRequest) => api.patch<Session>('/api/auth/me', body),
  acceptInvitation: (body: AcceptInvitationRequest) => api.post<Session>('/api/invitations/accept', body),
};
