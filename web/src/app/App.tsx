/** The app's providers, outermost first: toasts, the signed-in account, then the router. */
import { RouterProvider } from 'react-router';
import { ToastProvider } from '../components';
import { AuthProvider } from '../features/accounts';
import { router } from './router';
import './app.css';

export function App() {
  return (
    <ToastProvider>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </ToastProvider>
  );
}
