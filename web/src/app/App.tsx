/** The app's providers, outermost first: toasts, the signed-in account, its chat, then the router. */
import { RouterProvider } from 'react-router';
import { ToastProvider } from '../components';
import { AuthProvider } from '../features/accounts';
import { ChatProvider } from '../features/chat';
import { router } from './router';
import './app.css';

export function App() {
  return (
    <ToastProvider>
      <AuthProvider>
        <ChatProvider>
          <RouterProvider router={router} />
        </ChatProvider>
      </AuthProvider>
    </ToastProvider>
  );
}
