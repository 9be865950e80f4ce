// The design system's primitives (docs/decisions/0016-design-system.md); their look is ui.css.
export { Button, buttonClass, type ButtonVariant } from './Button';
export { Card } from './Card';
export { Field, type ControlProps } from './Field';
export { Message, type MessageTone } from './Message';
export { PageHeader } from './PageHeader';
export { Table } from './Table';
