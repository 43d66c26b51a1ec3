// @vitest-environment jsdom
// The theme toggle switches the root class and remembers only the choice.

import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ThemeToggle from '../../src/lib/components/ThemeToggle.svelte';

describe('ThemeToggle', () => {
  it('applies and remembers dark and light, and forgets the choice on Auto', async () => {
    render(ThemeToggle);
    const root = document.documentElement;
    await fireEvent.click(screen.getByRole('button', { name: 'Dark' }));
    expect(root.classList.contains('dark')).toBe(true);
    expect(localStorage.getItem('auditlens.theme')).toBe('dark');
    expect(screen.getByRole('button', { name: 'Dark' }).getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(screen.getByRole('button', { name: 'Light' }));
    expect([root.classList.contains('light'), root.classList.contains('dark')]).toEqual([true, false]);
    expect(localStorage.getItem('auditlens.theme')).toBe('light');
    await fireEvent.click(screen.getByRole('button', { name: 'Auto' }));
    expect(root.className).toBe('');
    expect(localStorage.getItem('auditlens.theme')).toBeNull();
    expect(Object.keys(localStorage)).toEqual([]);
  });
});
