/** The design system: building blocks that know nothing about Airtalk's features. */
export { Avatar, initialsOf } from './Avatar';
export { BackLink } from './BackLink';
export { Badge, Banner } from './Banner';
export { Button, ButtonLink, type ButtonSize, type ButtonVariant } from './Button';
export { Card } from './Card';
export { RemovableChip, Tag, ToggleChip } from './Chip';
export {
  CheckboxField,
  Field,
  FormAlert,
  PasswordField,
  SelectField,
  TextAreaField,
  TextField,
  type ControlProps,
} from './Field';
export { Icon, type IconName } from './Icon';
export { List, ListIcon, ListItem } from './ListItem';
export { EmptyState, LoadFailed, Loading } from './LoadState';
export { Markdown } from './Markdown';
export { parseMarkdown, type Block, type Inline } from './markdownParser';
export { RadioGroup, type RadioOption } from './RadioGroup';
export { Sheet } from './Sheet';
export { Spinner } from './Spinner';
export { Switch } from './Switch';
export { ToastProvider, useToast, type ToastTone } from './Toast';
