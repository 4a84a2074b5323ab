/** @tarojs/components in unit tests: plain element names, enough for logic that imports them. */
export const View = 'div';
export const Text = 'span';
export const Input = 'input';
export const Button = 'button';
export const Picker = 'div';
