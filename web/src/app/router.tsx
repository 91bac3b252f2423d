/** Every address the app answers, and which pages need someone signed in or signed out. */
import { createBrowserRouter, Outlet } from 'react-router';
import {
  ForgotPasswordPage,
  LoginPage,
  RegisterPage,
  RequireSignedIn,
  RequireSignedOut,
  ResetPasswordPage,
  VerifyEmailPage,
} from '../features/accounts';
import { BlockedPage } from '../features/blocks';
import { ChatsLayout, ConversationRoute, PickConversation } from '../features/chat';
import { PrivacyPage } from '../features/consents';
import { HomeRoute } from '../features/home';
import { NearbyPage } from '../features/nearby';
import { PolicyPage } from '../features/policy';
import { EditProfilePage, ProfileRoute, PublicPageSettingsPage } from '../features/profiles';
import { CreateRoomPage, RoomRoute, RoomsPage } from '../features/rooms';
import { SecurityPage } from '../features/sessions';
import { SettingsPage } from '../features/settings';
import { NotFoundPage } from './NotFoundPage';
import { RouteErrorPage } from './RouteErrorPage';
import { Shell } from './Shell';

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      {
        // Inside the shell, so a crashing page keeps the top bar and its way home.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <HomeRoute /> },
          {
            element: (
              <RequireSignedOut>
                <Outlet />
              </RequireSignedOut>
            ),
            children: [
              { path: 'register', element: <RegisterPage /> },
              { path: 'login', element: <LoginPage /> },
              { path: 'forgot-password', element: <ForgotPasswordPage /> },
            ],
          },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          { path: 'verify-email', element: <VerifyEmailPage /> },
          { path: 'policy', element: <PolicyPage /> },
          {
            path: 'settings',
            element: (
              <RequireSignedIn>
                <Outlet />
              </RequireSignedIn>
            ),
            children: [
              { index: true, element: <SettingsPage /> },
              { path: 'profile', element: <EditProfilePage /> },
              { path: 'public-page', element: <PublicPageSettingsPage /> },
              { path: 'security', element: <SecurityPage /> },
              { path: 'privacy', element: <PrivacyPage /> },
              { path: 'blocked', element: <BlockedPage /> },
            ],
          },
          {
            path: 'nearby',
            element: (
              <RequireSignedIn>
                <NearbyPage />
              </RequireSignedIn>
            ),
          },
          {
            path: 'chats',
            element: (
              <RequireSignedIn>
                <ChatsLayout />
              </RequireSignedIn>
            ),
            children: [
              { index: true, element: <PickConversation /> },
              { path: ':conversationId', element: <ConversationRoute /> },
            ],
          },
          {
            path: 'rooms',
            element: (
              <RequireSignedIn>
                <Outlet />
              </RequireSignedIn>
            ),
            children: [
              { index: true, element: <RoomsPage /> },
              { path: 'new', element: <CreateRoomPage /> },
              { path: ':roomId', element: <RoomRoute /> },
            ],
          },
          {
            path: 'users/:userId',
            element: (
              <RequireSignedIn>
                <ProfileRoute />
              </RequireSignedIn>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
