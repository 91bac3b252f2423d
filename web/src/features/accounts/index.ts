/** Accounts: who is signed in, sign-up and sign-in, email verification and passwords. */
export { acceptPolicy } from './api';
export { AuthProvider, useAuth, useMe, type Auth } from './AuthProvider';
export { ChangePasswordForm } from './ChangePasswordForm';
export { ForgotPasswordPage } from './ForgotPasswordPage';
export { RequireSignedIn, RequireSignedOut } from './guards';
export { LoginPage } from './LoginPage';
export { RegisterPage } from './RegisterPage';
export { ResetPasswordPage } from './ResetPasswordPage';
export { VerifyEmailBanner } from './VerifyEmailBanner';
export { VerifyEmailPage } from './VerifyEmailPage';
